from nabij.core import checks


def test_demo_mode_in_production_is_flagged(settings):
    settings.PRODUCTION = True
    settings.DEMO_MODE = True
    assert [w.id for w in checks.demo_mode_in_production(None)] == ["nabij.W001"]
    settings.DEMO_MODE = False
    assert checks.demo_mode_in_production(None) == []


def test_two_factor_off_in_production_is_flagged(settings):
    settings.PRODUCTION = True
    settings.REQUIRE_2FA = False
    assert [w.id for w in checks.two_factor_required_in_production(None)] == ["nabij.W002"]
