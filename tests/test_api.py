def test_the_package_re_exports_every_api_name():
    import lawgov_score
    from lawgov_score import api

    assert set(lawgov_score.__all__) == set(api.__all__)
    assert all(getattr(lawgov_score, n) is getattr(api, n) for n in api.__all__)


def test_one_path_given_as_a_string_is_one_path_not_a_list_of_letters(tmp_path):
    """``lg.rank_table("samples/…")``: a plain string names one file or folder, as a list of one would."""
    from pathlib import Path

    import lawgov_score as lg

    root = Path(__file__).resolve().parent.parent
    folder = str(root / "samples" / "synthetic-city")
    rubric = str(root / "rubrics" / "kaohe.yaml")
    as_string = lg.rank_table(folder, rubric).table
    as_list = lg.rank_table([folder], rubric).table
    assert as_string.height == as_list.height > 0
    assert as_string.equals(as_list)
    as_path = lg.rank_table(Path(folder), rubric).table
    assert as_path.equals(as_list)
