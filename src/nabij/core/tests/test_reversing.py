from django.urls import reverse

from nabij.core.reversing import url_for


def test_url_for_equals_reverse_for_any_id():
    for name in ["intake:registration", "cases:detail"]:
        for pk in [1, 9, 10, 987654321, 8231946075, 12345678901]:
            assert url_for(name, pk) == reverse(name, args=[pk])


def test_url_for_with_more_arguments_after_the_id():
    assert url_for("cases:tab", 7, "tijdlijn") == reverse("cases:tab", args=[7, "tijdlijn"])
    assert url_for("cases:tab", 987654321, "overzicht") == reverse("cases:tab", args=[987654321, "overzicht"])
