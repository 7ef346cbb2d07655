"""`make package`: the same bundle, built for this machine, answers in a clean interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from puspa_release.dist import BuildResult
from puspa_release.package import build_package

CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
import puspa_bot.entry as handler
for name in ("mkdocs", "puspa_build", "puspa_portal", "puspa_release", "puspa_cli",
             "puspa_office", "puspa_local"):
    try:
        __import__(name)
        print("LEAK", name)
    except ImportError:
        pass

class Context:
    function_name = "puspa"; memory_limit_in_mb = 256; aws_request_id = "1"
    invoked_function_arn = "arn:aws:lambda:ap-southeast-3:000000000000:function:puspa"
    def get_remaining_time_in_millis(self): return 10000

event = {"requestContext": {"http": {"method": "GET"}},
         "queryStringParameters": {"hub.mode": "subscribe", "hub.verify_token": "t",
                                   "hub.challenge": "4242"}}
print("ANSWER", json.dumps(handler.lambda_handler(event, Context())))
print("FROM", handler.__file__)
import gc
print("GC", gc.isenabled(), gc.get_freeze_count() > 0)
"""


def test_bundle_holds_the_responder_and_nothing_of_the_build(
    built: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    bundle = build_package(built[0] / "replies.json", tmp_path / "lambda.zip")
    names = zipfile.ZipFile(bundle).namelist()
    assert "puspa_bot/handler.py" in names
    assert "puspa_bot/entry.py" in names  # the template's Handler
    assert "puspa_bot/replies.json" in names
    for needed in ("rapidfuzz/", "Sastrawi/", "aws_lambda_powertools/"):
        assert any(name.startswith(needed) for name in names), needed
    left_out_names = (
        "puspa_build/",
        "puspa_portal/",
        "puspa_release/",
        "puspa_cli/",
        "puspa_office/",
        "puspa_local/",
        "mkdocs/",
        "jsonschema/",
        "boto3/",
        "botocore/",
    )
    for left_out in (*left_out_names, "tests/", "bin/"):  # bin/: pip's console scripts
        assert not any(name.startswith(left_out) for name in names), left_out
    assert not any("__pycache__" in name for name in names)
    again = build_package(built[0] / "replies.json", tmp_path / "again.zip")
    assert again.read_bytes() == bundle.read_bytes()  # same inputs, same zip

    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(bundle).extractall(unpacked)
    # The Lambda runtime: a plain interpreter with boto3 and nothing of this project.
    runtime = getattr(sys, "_base_executable", sys.executable)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "AWS_REGION": "ap-southeast-3",
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "x",
        "PUSPA_TABLE": "puspa",
        "WHATSAPP_VERIFY_TOKEN": "t",
    }
    run = subprocess.run(
        [runtime, "-I", "-c", CHILD, str(unpacked)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert not [line for line in lines if line.startswith("LEAK")]
    answer = json.loads(next(line for line in lines if line.startswith("ANSWER"))[7:])
    assert (answer["statusCode"], answer["body"]) == (200, "4242")
    assert next(line for line in lines if line.startswith("FROM")).startswith(f"FROM {unpacked}")
    # The entry point leaves the collector running, with what was set up frozen.
    assert "GC True True" in lines
