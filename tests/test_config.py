"""The config file: good settings load, bad ones give one line naming the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.config import (
    Config,
    ConfigError,
    config_path,
    load_config,
    load_state,
    remembered_theme,
    save_state,
    state_path,
)
from reader.hedging import find_hedges
from tests.helpers import run

GOOD = """\
# My Hedge Reader settings
theme = "nord"
hidden_categories = ["approximator", "attribution"]

[phrases]
tentative = ["the jury is still out", "early  days"]
booster = "world first"   # a single phrase is fine too

[keys]
"app.search" = "ctrl+f"
app.help = "f1,question_mark"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_config_loads(tmp_path: Path):
    config = load_config(write(tmp_path, GOOD))
    assert config.theme == "nord"
    assert config.hidden_categories == {"approximator", "attribution"}
    assert dict(config.phrases) == {
        "the jury is still out": "tentative",
        "early days": "tentative",
        "world first": "booster",
    }
    assert dict(config.keys) == {"app.search": "ctrl+f", "app.help": "f1,question_mark"}


def test_no_file_means_defaults(tmp_path: Path):
    config = load_config(tmp_path / "missing.toml")
    assert config.theme is None and not config.phrases and not config.keys


def test_the_file_comes_from_the_env_or_the_user_config_dir(tmp_path, monkeypatch):
    assert config_path() == Path.home() / "config" / "hedge-reader" / "config.toml"
    monkeypatch.setenv("HEDGE_READER_CONFIG", str(tmp_path / "elsewhere.toml"))
    assert config_path() == tmp_path / "elsewhere.toml"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('theme = "nord"\nthem = "x"\n', 2, "unknown setting 'them'"),
        ("theme = 3\n", 1, "theme must be a theme name"),
        ('\nhidden_categories = ["modal", "hedgy"]\n', 2, "unknown category 'hedgy'"),
        ('hidden_categories = "modal"\n', 1, "must be a list"),
        ('[phrases]\nmodal = ["x"]\n\ntentativ = ["days"]\n', 4, "'tentativ' under [phrases]"),
        ('[phrases]\ntentative = [\n  "fine",\n  "",\n]\n', 4, "empty phrase"),
        ('[phrases]\ntentative = [\n  "fine",\n  "   ",\n]\n', 4, "empty phrase"),
        ("[phrases]\nbooster = [1, 2]\n", 2, "must be a list of"),
        ('[phrases]\nmodal = ["(maybe"]\n', 2, "must start and end with a letter"),
        ('[phrases]\nmodal = ["x y"]\nbooster = ["X  Y"]\n', 3, "under both 'modal' and 'booster'"),
        ('[keys]\n"app.search" = ""\n', 2, "keys.app.search must be keys"),
        ('[keys]\n\n"app.search" = "ctrl+h"\n', 3, "ctrl+h alone cannot carry app.search"),
        ('[keys]\n"app.search" = "control f"\n', 2, "'control f' is not a key name"),
        ('theme = "nord"\n[keys\n', 2, "not valid TOML"),
        ('theme = "nord\n', 1, "not valid TOML"),
    ],
)
def test_bad_settings_name_the_file_and_line(tmp_path: Path, text: str, line: int, words: str):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert words in message
    assert "\n" not in message


def test_a_confused_key_is_fine_next_to_another(tmp_path: Path):
    config = load_config(write(tmp_path, '[keys]\n"app.search" = "ctrl+h,f2"\n'))
    assert config.keys["app.search"] == "ctrl+h,f2"


def test_a_bad_config_stops_the_cli_with_exit_2_and_one_line(tmp_path: Path, samples):
    config = write(tmp_path, 'hidden_categories = ["hedgy"]\n')
    env = {"HEDGE_READER_CONFIG": str(config)}
    for args in (["export", str(samples["plain"])], ["hedges", str(samples["plain"])]):
        result = run(*args, library=tmp_path / "lib", env=env)
        assert result.returncode == 2, result.stderr
        assert result.stderr == f"hedge-reader: {config}:1: unknown category 'hedgy' in " + (
            "hidden_categories; expected modal, epistemic, probability, approximator, "
            "tentative, attribution, booster, causal, conditional, correlational, claims\n"
        )
        assert "Traceback" not in result.stderr


def test_user_phrases_are_marked_and_the_default_path_is_unchanged():
    text = "The jury is still out on this NEW  DAWN, which may help."
    plain = [(h.text, h.category) for h in find_hedges(text)]
    assert plain == [("may", "modal")]
    extra = {"the jury is still out": "tentative", "new dawn": "booster", "may": "booster"}
    marked = [(h.text, h.category, h.kind) for h in find_hedges(text, extra=extra)]
    assert marked == [
        ("The jury is still out", "tentative", "hedge"),
        ("NEW  DAWN", "booster", "booster"),
        ("may", "modal", "hedge"),  # a built-in cue keeps its own category and rules
    ]
    assert [h.text for h in find_hedges("It happened in May 2021.", extra=extra)] == []
    assert find_hedges(text) == find_hedges(text, extra={})
    with pytest.raises(ValueError, match="unknown category"):
        find_hedges(text, extra={"x": "hedgy"})


def test_state_is_separate_and_survives_damage(tmp_path, monkeypatch):
    monkeypatch.setenv("HEDGE_READER_STATE", str(tmp_path / "state.json"))
    assert state_path() == tmp_path / "state.json"
    assert load_state() == {}
    save_state({"theme": "nord", "config_theme": None})
    save_state({"other": 1})
    assert load_state() == {"theme": "nord", "config_theme": None, "other": 1}
    (tmp_path / "state.json").write_text("{not json", encoding="utf-8")
    assert load_state() == {}


def test_the_palette_choice_wins_until_the_config_theme_changes():
    state = {"theme": "dracula", "config_theme": "nord"}
    assert remembered_theme(Config(theme="nord"), state) == "dracula"
    assert remembered_theme(Config(theme="gruvbox"), state) == "gruvbox"  # file edited since
    assert remembered_theme(Config(theme=None), {}) is None


def test_the_hedges_command_marks_user_phrases_in_every_mode(tmp_path: Path):
    config = write(tmp_path, '[phrases]\ntentative = ["the jury is still out"]\n')
    env = {"HEDGE_READER_CONFIG": str(config)}
    text = "The jury is still out."
    single = run("hedges", "--json", "-", stdin=text, env=env)
    assert [h["text"] for h in json.loads(single.stdout)["hedges"]] == ["The jury is still out"]
    lines = run("hedges", "--jsonl", stdin=json.dumps({"id": 1, "text": text}) + "\n", env=env)
    assert json.loads(lines.stdout)["hedges"][0]["category"] == "tentative"
    plain = run("hedges", "--json", "-", stdin=text)
    assert json.loads(plain.stdout)["hedges"] == []


def test_hidden_categories_take_the_claim_strengths_by_name(tmp_path: Path):
    from reader.tui.claims_marks import CLAIM_KINDS

    config = load_config(write(tmp_path, 'hidden_categories = ["causal", "modal"]\n'))
    assert config.hidden_categories == {"claim-causal", "modal"}
    every = load_config(write(tmp_path, 'hidden_categories = ["claims"]\n'))
    assert every.hidden_categories == set(CLAIM_KINDS.values())  # what the 8 key hides
    for name in ("conditional", "correlational"):
        one = load_config(write(tmp_path, f'hidden_categories = ["{name}"]\n'))
        assert one.hidden_categories == {f"claim-{name}"}
    with pytest.raises(ConfigError, match="claim-causal"):
        load_config(write(tmp_path, 'hidden_categories = ["claim-causal"]\n'))
