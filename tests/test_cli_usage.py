"""The command line's own mistakes and help speak the tool's language: one problem line with a
code and exit 2 (never the parser's English boxes), and `--help` in Chinese with every word of
every option's help kept at 80 columns."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner
from wcwidth import wcswidth

from lawgov_score.cli import app


def run(*args, columns: int = 80):
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(app, list(args))


MISTAKES = [
    (
        ("rank", "--ties", "foo"),
        "E-USAGE-OPTION-VALUE",
        "--ties 的值“foo”无效：可选：competition、dense、min、max、average",
    ),
    (("rank", "--year", "abc"), "E-USAGE-OPTION-VALUE", "--year/-y 的值“abc”无效：应为整数"),
    (("rank", "--year=abc"), "E-USAGE-OPTION-VALUE", "--year/-y 的值“abc”无效：应为整数"),
    (("sensitivity", "-n", "0"), "E-USAGE-OPTION-VALUE", "--samples/-n 的值“0”无效：应为不小于 1 的整数"),
    (("rank", "--bogus"), "E-USAGE-OPTION-UNKNOWN", "没有选项 --bogus"),
    (("rank", "--yaer", "2024"), "E-USAGE-OPTION-UNKNOWN-LIKE", "没有选项 --yaer；是否应为："),
    (("gaps",), "E-USAGE-OPTION-MISSING", "缺少必填的 --unit/-u"),
    (("rank", "--year"), "E-USAGE-OPTION-EMPTY", "选项 --year 后面须写一个值"),
    (("scores",), "E-USAGE-COMMAND", "没有命令“scores”；可用："),
    (("rubric", "schema", "x", "y"), "E-USAGE-EXTRA", "多余的参数：x y"),
]


@pytest.mark.parametrize("args,code,text", MISTAKES, ids=[m[1] + ":" + " ".join(m[0]) for m in MISTAKES])
def test_a_mistake_on_the_command_line_is_one_line_with_a_code_and_exit_2(args, code, text):
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"{code}: {text}"), lines[0]
    assert "╭" not in r.stderr and "Usage" not in r.stderr and "Value error" not in r.stderr


def test_the_mistake_is_in_the_language_asked_for():
    r = run("rank", "--ties", "foo", "--lang", "en")
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        "E-USAGE-OPTION-VALUE: invalid value 'foo' for --ties: use one of: competition, dense, min, max, average"
        " (see lawgov-score rank -h)"
    )
    r = run("gaps", "--lang=en")
    assert r.stderr.strip() == "E-USAGE-OPTION-MISSING: --unit/-u is required (see lawgov-score gaps -h)"


def test_the_hint_names_the_command_whose_help_to_read():
    r = run("rank", "--bogus")
    assert r.stderr.strip().endswith("（用法见 lawgov-score rank -h）")


def _help_words(text: str) -> str:
    """Help text without spaces and line breaks: what the reader gets, however it is wrapped."""
    return re.sub(r"\s+", "", text)


COMMANDS = [
    ("rank",),
    ("score",),
    ("gaps",),
    ("whatif",),
    ("benchmark",),
    ("trend",),
    ("sensitivity",),
    ("extract",),
    ("template",),
    ("report",),
    ("synth",),
    ("rubric",),
    ("rubric", "check"),
    ("rubric", "diff"),
    ("rubric", "show"),
    ("rubric", "schema"),
    (),
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) or "lawgov-score" for c in COMMANDS])
def test_help_is_in_chinese_and_keeps_every_word_at_80_columns(command):
    import typer

    r = run(*command, "--help")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "显示本帮助并退出" in out and "Show this message" not in out
    assert "用法：" in out and "选项：" in out and "Usage:" not in out and "Options:" not in out
    assert all(wcswidth(line) <= 80 for line in out.splitlines()), out
    cmd = typer.main.get_command(app)
    for name in command:
        cmd = cmd.commands[name]
    written = "".join(p.help or "" for p in cmd.params) + (cmd.help or "")
    assert out.count("…") == written.count("…"), out  # nothing cut short
    words = _help_words(out)
    for param in cmd.params:
        if param.help:
            assert _help_words(param.help) in words, param.help


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) or "lawgov-score" for c in COMMANDS])
def test_help_under_lang_en_is_english_from_the_catalogue(command):
    """`--lang en` (before or after `-h`, or before the command) gives the help in English: the
    command's and every option's text from the ``help.*`` catalogue, the fixed words in English,
    and no Chinese of the tool's own (only quoted examples a user types, such as 填报模板.xlsx)."""
    import typer

    from lawgov_score.core.messages import MESSAGES

    cmd = typer.main.get_command(app)
    for name in command:
        cmd = cmd.commands[name]
    texts = {m.zh: m.en for k, m in MESSAGES.items() if k.startswith("help.")}
    for args in ([*command, "--lang", "en", "-h"], [*command, "-h", "--lang=en"], ["--lang", "en", *command, "-h"]):
        if not command and args[0] != "--lang":
            continue
        r = run(*args)
        assert r.exit_code == 0, r.output
        out = r.stdout
        assert "Usage:" in out and "Options:" in out and "Show this message and exit." in out
        assert "用法" not in out and "选项：" not in out and "显示本帮助" not in out and "默认：" not in out
        assert all(wcswidth(line) <= 80 for line in out.splitlines()), out
        words = _help_words(out)
        assert _help_words(texts[cmd.help.strip()]) in words  # the command's own text, in English
        for param in cmd.params:
            if param.help:
                assert param.help in texts, param.help  # every option's help is catalogued …
                assert _help_words(texts[param.help]) in words, param.help  # … and shown in English
    assert "Usage:" not in run(*command, "-h").stdout  # without --lang: Chinese, as before


def test_lang_before_the_command_is_the_commands_lang():
    """`lawgov-score --lang en CMD` (the form that gives the app's help in English) runs CMD in
    English too; the command's own --lang still wins."""
    from conftest import ROOT

    example = str(ROOT / "rubrics" / "example.yaml")
    assert run("--lang", "en", "rubric", "check", example).stderr.strip().endswith("ok (0 errors, 0 warnings)")
    assert (
        run("--lang", "en", "rubric", "check", example, "--lang", "zh")
        .stderr.strip()
        .endswith("通过（错误 0，警告 0）")
    )


def test_an_abort_and_an_unexpected_error_leave_the_parser_guard_as_themselves():
    """Ctrl-C at a prompt (typer's Abort) exits 1; any other exception passes through the guard
    unchanged (the command's own guard has already turned it into one line, or ``--debug`` asked
    for the traceback), never replaced by an error of the guard itself."""
    import pytest
    import typer

    from lawgov_score.cli.errors import guarded_main

    def aborts(*args, **kwargs):
        raise typer.Abort()

    def fails(*args, **kwargs):
        raise RuntimeError("boom")

    with pytest.raises(SystemExit) as exit_:
        guarded_main(aborts, [], "lawgov-score", "_COMPLETE", standalone_mode=True)
    assert exit_.value.code == 1
    with pytest.raises(RuntimeError, match="boom"):
        guarded_main(fails, [], "lawgov-score", "_COMPLETE", standalone_mode=True)


def test_rubric_show_in_english_counts_what_the_chinese_line_counts():
    """A flat rubric (every dimension a leaf) has no sub-groups to count: the English line says
    the dimensions, items and points, as the Chinese one does, never a negative count."""
    from pathlib import Path

    from typer.testing import CliRunner

    from lawgov_score.cli import app

    root = Path(__file__).resolve().parent.parent
    out = CliRunner().invoke(app, ["rubric", "show", str(root / "rubrics" / "kaohe.yaml"), "--lang", "en"]).output
    line = next(x for x in out.splitlines() if "dimensions" in x)
    assert re.fullmatch(r"\d+ dimensions, \d+ items, [\d.]+ points", line.strip()), line
