"""Reference numbers: never twice, also not when saves happen at the same moment."""

import threading

import pytest
from django.db import connection, transaction

from nabij.core.models import ReferenceCounter
from nabij.core.references import highest_number, next_reference


def test_highest_number_reads_only_well_formed_references():
    assert highest_number(["A-2026-00007", "A-2026-00042", "A-DEMO-001", "", None]) == 42
    assert highest_number([]) == 0


@pytest.mark.django_db
def test_counts_on_from_rows_made_before_the_counter():
    with transaction.atomic():
        first = next_reference("T", 2026, highest_in_use=lambda: 41)
        second = next_reference("T", 2026, highest_in_use=lambda: 999)  # the seed is read once
    assert (first, second) == ("T-2026-00042", "T-2026-00043")
    with transaction.atomic():
        assert next_reference("T", 2027) == "T-2027-00001"


@pytest.mark.django_db
def test_an_existing_series_costs_two_queries_and_never_reads_the_references(django_assert_num_queries):
    def must_not_run():
        raise AssertionError("the references of the year were read again")

    with transaction.atomic():
        next_reference("T", 2026, highest_in_use=lambda: 7)
        with django_assert_num_queries(2):  # the locked counter row, its update
            assert next_reference("T", 2026, highest_in_use=must_not_run) == "T-2026-00009"


@pytest.mark.django_db(transaction=True)
def test_refuses_to_run_outside_the_saving_transaction():
    with pytest.raises(RuntimeError):
        next_reference("T", 2026)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_get_different_numbers():
    workers, references, errors = 6, [], []
    start = threading.Barrier(workers)

    def save_one():
        try:
            start.wait()
            with transaction.atomic():
                references.append(next_reference("P", 2026))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=save_one) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(references) == [f"P-2026-{n:05d}" for n in range(1, workers + 1)]
    assert ReferenceCounter.objects.get(prefix="P", year=2026).last == workers
