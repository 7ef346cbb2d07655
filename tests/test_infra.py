"""infra/template.yaml agrees with the one table definition and passes cfn-lint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from puspa_local.tables import table_definition

from .conftest import PROJECT

TEMPLATE = PROJECT / "infra" / "template.yaml"


class _CloudFormationLoader(yaml.SafeLoader):
    """Reads CloudFormation short tags (!Ref, !GetAtt, ...) as plain values."""


def _tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return {suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {suffix: loader.construct_sequence(node)}
    return {suffix: loader.construct_mapping(node)}


_CloudFormationLoader.add_multi_constructor("!", _tag)


def template() -> dict[str, Any]:
    """The SAM template."""
    return yaml.load(TEMPLATE.read_text(encoding="utf-8"), Loader=_CloudFormationLoader)


def test_template_table_matches_the_table_definition() -> None:
    table = template()["Resources"]["Table"]
    properties = table["Properties"]
    definition = table_definition()
    assert properties["KeySchema"] == definition["KeySchema"]
    assert sorted(properties["AttributeDefinitions"], key=str) == sorted(
        definition["AttributeDefinitions"], key=str
    )
    assert properties["GlobalSecondaryIndexes"] == definition["GlobalSecondaryIndexes"]
    assert properties["BillingMode"] == definition["BillingMode"]
    assert properties["TimeToLiveSpecification"] == {
        "AttributeName": definition["TimeToLiveAttribute"],
        "Enabled": True,
    }
    assert table["DeletionPolicy"] == table["UpdateReplacePolicy"] == "Retain"
    assert properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True


def test_secrets_are_parameter_names_never_values() -> None:
    variables = template()["Resources"]["ResponderFunction"]["Properties"]["Environment"]
    names = set(variables["Variables"])
    assert {"WHATSAPP_APP_SECRET", "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_VERIFY_TOKEN"}.isdisjoint(
        names
    )
    assert {
        "WHATSAPP_APP_SECRET_PARAMETER",
        "WHATSAPP_ACCESS_TOKEN_PARAMETER",
        "WHATSAPP_VERIFY_TOKEN_PARAMETER",
    } <= names


def test_cfn_lint_is_clean() -> None:
    run = subprocess.run(
        [str(Path(sys.executable).with_name("cfn-lint")), str(TEMPLATE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_functions_handler_is_the_entry_point_of_the_bundle() -> None:
    functions = [
        resource["Properties"]
        for resource in template()["Resources"].values()
        if resource["Type"] == "AWS::Serverless::Function"
    ]
    assert [function["Handler"] for function in functions] == ["puspa_bot.entry.lambda_handler"]
    assert (PROJECT / "lambda" / "puspa_bot" / "entry.py").is_file()


def test_the_handover_sweep_runs_on_a_schedule() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    sweep = text[text.index("HandoverSweep:") :].split("\n\n", 1)[0]
    assert "Type: Schedule" in sweep and "Schedule: rate(5 minutes)" in sweep
