"""Check a content file against its JSON Schema and explain each error in plain Indonesian."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from puspa_bot import paths

from .problems import Problem
from .yaml_source import Source, dotted

SCHEMA_DIR = paths.SCHEMAS

_TYPE_NAMES = {
    "string": "teks",
    "array": "daftar (baris diawali tanda -)",
    "object": "kumpulan isian (nama: isi)",
    "integer": "bilangan bulat",
    "number": "angka",
    "boolean": "ya/tidak (true/false)",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Load a schema from schemas/ by its file name."""
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@cache
def _validator(name: str) -> Draft202012Validator:
    """Build (once) the validator for one schema."""
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def check_against_schema(source: Source, schema_name: str) -> list[Problem]:
    """Return every schema error in `source`, each located at its file and line."""
    problems: list[Problem] = []
    for error in _validator(schema_name).iter_errors(source.data):
        problems.extend(_explain(error, source, load_schema(schema_name)))
    return sorted(set(problems))


def _explain(error: ValidationError, source: Source, root: dict[str, Any]) -> list[Problem]:
    """Turn one jsonschema error into located problems an editor can act on."""
    path = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    hint = error.schema.get("description", "") if isinstance(error.schema, dict) else ""

    def at(sub_path: tuple[Any, ...], what: str, fix: str) -> Problem:
        return Problem(source.name, source.line(sub_path), dotted(sub_path), what, fix)

    if kind in ("oneOf", "anyOf") and error.context:
        return _explain_alternatives(error, source, root, hint)
    if kind == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        name = missing.group(1) if missing else str(error.validator_value)
        properties = error.schema.get("properties") or root.get("properties", {})
        field_hint = properties.get(name, {}).get("description", "")
        fix = f"tambahkan `{name}:`" + (f" ({field_hint})" if field_hint else "")
        return [at((*path, name), "wajib ada tetapi belum diisi", fix)]
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        fix = "periksa ejaannya; yang dikenal: " + ", ".join(allowed)
        return [at((*path, name), "nama isian tidak dikenal", fix) for name in extra]
    if kind == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " atau ".join(_TYPE_NAMES.get(n, n) for n in names)
        return [at(path, f"harus berupa {wanted}", hint or "lihat contoh di berkas lain")]
    if kind == "maxLength":
        what = f"terlalu panjang ({len(value)} karakter, paling banyak {error.validator_value})"
        return [at(path, what, "persingkat" + (f"; {hint}" if hint else ""))]
    if kind == "minLength":
        what = "kosong atau terlalu pendek" if not value else "terlalu pendek"
        return [at(path, what, hint or "isi dengan kalimat yang jelas")]
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return [at(path, f"nilai {value!r} tidak dikenal", f"pilih salah satu: {options}")]
    if kind == "const":
        return [at(path, f"nilai {value!r} tidak sesuai", f"isi {error.validator_value!r}")]
    if kind == "pattern":
        return [at(path, f"bentuk {value!r} tidak sesuai", hint or "lihat contoh di berkas lain")]
    if kind == "minItems":
        what = "daftar kosong" if not value else "isinya kurang"
        return [at(path, what, f"isi paling sedikit {error.validator_value} butir")]
    if kind == "uniqueItems":
        return [at(path, "ada butir yang ditulis dua kali", "hapus salah satunya")]
    if kind == "propertyNames":
        return [at(path, f"nama {value!r} tidak dikenal di sini", hint or "periksa ejaannya")]
    if kind == "not":
        return [at(path, "berisi isian yang tidak boleh ada di sini", hint or "hapus isian itu")]
    return [at(path, error.message, hint)]


def _explain_alternatives(
    error: ValidationError, source: Source, root: dict[str, Any], hint: str
) -> list[Problem]:
    """Explain a value that matches none of its allowed forms, using the form it resembles."""
    path = tuple(error.absolute_path)
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    # A form whose very type differs from the value is not the form the editor meant.
    resembling = [
        subs
        for subs in branches.values()
        if not any(sub.validator == "type" and not sub.relative_path for sub in subs)
    ]
    if len(resembling) == 1:
        return [problem for sub in resembling[0] for problem in _explain(sub, source, root)]
    if error.validator == "anyOf" and isinstance(error.instance, dict):
        options = " atau ".join(f"`{r[0]}`" for r in _required_options(error.validator_value))
        if options:
            what = "isinya belum ada"
            return [Problem(source.name, source.line(path), dotted(path), what, f"isi {options}")]
    fix = hint or "lihat contoh di berkas lain"
    if any("belum_ada" in str(s) for s in error.validator_value):
        fix += "; bila belum diketahui tulis `belum_ada: <apa yang perlu diisi kantor>`"
    forms = _form_names(error.validator_value, root)
    if error.instance is None:
        what = "kosong"
    else:
        what = f"bentuk isinya salah: seharusnya {forms}" if forms else "bentuk isinya salah"
    return [Problem(source.name, source.line(path), dotted(path), what, fix)]


def _form_names(alternatives: list[dict[str, Any]], root: dict[str, Any]) -> str:
    """The allowed forms of a value in words: 'teks atau `belum_ada: ...`'."""
    names: list[str] = []
    for alternative in alternatives:
        form = _resolved(alternative, root)
        if form.get("required") == ["belum_ada"]:
            names.append("`belum_ada: ...`")
        elif form.get("type") == "object" and form.get("required"):
            names.append("isian " + ", ".join(f"`{key}`" for key in form["required"]))
        elif isinstance(form.get("type"), str) and form["type"] in _TYPE_NAMES:
            names.append(_TYPE_NAMES[form["type"]])
    return " atau ".join(dict.fromkeys(names))


def _resolved(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """A subschema with a local `$ref` (#/$defs/...) followed."""
    reference = schema.get("$ref", "")
    if not reference.startswith("#/"):
        return schema
    target: Any = root
    for part in reference.removeprefix("#/").split("/"):
        target = target.get(part, {}) if isinstance(target, dict) else {}
    return target if isinstance(target, dict) else {}


def _required_options(alternatives: list[dict[str, Any]]) -> list[list[str]]:
    """List the required names of each alternative that is only a `required` rule."""
    return [alt["required"] for alt in alternatives if set(alt) == {"required"}]
