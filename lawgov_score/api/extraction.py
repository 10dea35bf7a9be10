"""Values from annual reports (extract) and synthetic data (synth)."""

from __future__ import annotations

from pathlib import Path

from ..core.problems import ProblemError, Report, problem
from ..data.read import read_indicators_report
from ..rubric.compiled import Rubric
from .inputs import rubric_of


def extract_values(reports, rubric: str | Path | Rubric | None = None, *, year: int | None = None, every=False):
    """``extract``: the indicator values read from annual reports (files or directories of .txt,
    .docx, .pdf), each with the clause it was read from.  ``every`` keeps every reading, not only
    the first of each field.  ``Extraction``: ``.found`` (records), ``.fields``, ``.warnings``,
    ``.records()``.  An unreadable report or field dictionary raises ProblemError."""
    from ..extract import extract_reports, field_dictionary
    from ..extract.results import Extraction

    if isinstance(rubric, Rubric):
        fields = rubric.fields
    else:
        fields, report = field_dictionary(rubric)
        if fields is None:
            raise ProblemError(report)
    found, report = extract_reports(reports, fields, year=year, every=every)
    if not report.ok:
        raise ProblemError(report)
    return Extraction(found, fields, warnings=[p for p in report.sorted() if p.severity == "warning"])


def evaluate_extraction(reports, gold, rubric: str | Path | Rubric | None = None, *, year: int | None = None):
    """``extract --evaluate``: read the reports and compare with ``gold``, the values a person read
    from them (an indicator file whose ``source`` column names each value's report): precision
    and recall per field and overall, and every difference.  ``ExtractionCheck``: ``.evaluation``,
    ``.warnings``, ``.records()``.  A gold file that cannot serve raises ProblemError (E-EVAL-GOLD)."""
    from ..core.messages import say
    from ..extract.evaluate import evaluate
    from ..extract.results import ExtractionCheck
    from ..extract.sources import report_files

    found = extract_values(reports, rubric, year=year)
    path = rubric.path if isinstance(rubric, Rubric) else str(rubric or "")
    shell = Rubric(id="fields", name="fields", path=path, items={}, roots=[], fields=found.fields, total=0)
    values, report = read_indicators_report([gold], shell)
    if values is None:
        raise ProblemError(Report(found.warnings + report.problems))
    why = None
    if values.values["source"].null_count() == values.values.height:
        why = "extract.gold_no_source"
    else:
        files, _ = report_files(reports)
        evaluation = evaluate(found.found, values.values, [p.stem for p in files])
        why = None if evaluation.reports else "extract.gold_no_reports"
    if why is not None:
        gold_problem = problem("E-EVAL-GOLD", str(gold), reason=say(why, "zh"), reason_en=say(why, "en"))
        raise ProblemError(Report([*found.warnings, gold_problem]))
    return ExtractionCheck(evaluation, found.fields, warnings=found.warnings)


def synthesize(
    rubric: str | Path | Rubric | None = None,
    units: int = 100,
    years: int = 3,
    seed: int = 0,
    last_year: int = 2024,
    *,
    output: str | Path | None = None,
):
    """Synthetic indicator rows (long form, labelled synthetic) for every field the rubric (a
    file, loaded, or the bundled one) reads; the same seed gives the same rows.  With ``output``
    (.csv with a BOM, or .parquet) they are also written there.  A polars frame."""
    from ..data.synth import synth as _synth

    if output is not None and Path(output).suffix.lower() not in (".csv", ".parquet", ".pq"):
        raise ProblemError.one("E-USAGE-SYNTH-FILE", name=Path(output).name)
    if output is not None:  # never over the rubric it reads (a link named .csv), nor where it cannot write
        from .outputs import check_outputs

        read = [rubric] if isinstance(rubric, (str, Path)) else []
        check_outputs([output], read, bundled_rubric=rubric is None)
    if last_year - years + 1 < 1949:
        raise ProblemError.one("E-USAGE-SYNTH-YEARS", years=years, last_year=last_year)
    frame = _synth(rubric_of(rubric), units, years, seed=seed, last_year=last_year)
    if output is not None:
        from ..output.write import write_frame

        write_frame(frame, Path(output))
    return frame
