def test_the_package_re_exports_every_api_name():
    import lawgov_score
    from lawgov_score import api

    assert set(lawgov_score.__all__) == set(api.__all__)
    assert all(getattr(lawgov_score, n) is getattr(api, n) for n in api.__all__)
