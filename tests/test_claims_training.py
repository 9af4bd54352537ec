"""The claim-strength weights are rebuilt byte for byte by scripts/train_claims.py from the
labels in the repository, and training is deterministic."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.hedging.claims import LABELS, WEIGHTS_PATH  # noqa: E402
from scripts import train_claims  # noqa: E402


def test_training_twice_gives_the_same_weights():
    rows = train_claims.load(ROOT / "data" / "claims" / "labels.jsonl", "train")[:300]
    assert train_claims.train(rows, 3) == train_claims.train(rows, 3)


def test_the_script_rebuilds_the_shipped_weights_byte_for_byte(tmp_path):
    out = tmp_path / "claims_weights.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_claims.py"), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == WEIGHTS_PATH.read_bytes()


def test_shipped_weights_are_small_and_for_the_four_labels():
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert WEIGHTS_PATH.stat().st_size <= 2_000_000
    assert tuple(data["labels"]) == LABELS
    assert data["split"] == "train"


def test_a_missing_labels_file_is_one_clear_line(tmp_path):
    script = str(ROOT / "scripts" / "train_claims.py")
    done = subprocess.run(
        [sys.executable, script, "--labels", str(tmp_path / "x")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "no such file" in done.stderr
