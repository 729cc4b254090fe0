import attrs
import pytest

import wsiot
from wsiot.testing import assert_eligible, assert_not_eligible

from .test_qualification import NAS


def test_assert_eligible_passes_and_returns():
    assessment = assert_eligible(NAS)
    assert assessment.eligible


def test_assert_eligible_fails_with_the_report():
    broken = attrs.evolve(NAS, applications=["Exchange"])
    with pytest.raises(AssertionError) as info:
        assert_eligible(broken)
    message = str(info.value)
    assert message.startswith("Contoso NAS-4000 [Windows Server IoT 2022, Storage Workgroup]: not eligible")
    assert "[FAIL] no-prohibited-applications" in message


def test_assert_eligible_lenient():
    unknown = attrs.evolve(NAS, preinstalled=None)
    with pytest.raises(AssertionError, match=r"\[ \?\? \] preinstalled"):
        assert_eligible(unknown)
    assert assert_eligible(unknown, lenient=True).unknowns


def test_assert_not_eligible():
    broken = attrs.evolve(NAS, applications=["Exchange"])
    assert not assert_not_eligible(broken, rule="no-prohibited-applications").eligible
    assert_not_eligible(broken)
    with pytest.raises(AssertionError, match="expected 'Contoso NAS-4000' not to be eligible"):
        assert_not_eligible(NAS)
    with pytest.raises(AssertionError, match="expected rule 'preinstalled' to fail, but it is passed"):
        assert_not_eligible(broken, rule="preinstalled")
    with pytest.raises(wsiot.UnknownQualificationError):
        assert_not_eligible(broken, rule="no-such-rule")


def test_unknown_fact_is_not_a_failure_of_that_rule():
    unknown = attrs.evolve(NAS, preinstalled=None)
    assert_not_eligible(unknown)
    with pytest.raises(AssertionError, match="but it is unknown"):
        assert_not_eligible(unknown, rule="preinstalled")
