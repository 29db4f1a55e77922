from nabij.scale.explain import seq_scans, wide_reads

PLAN = [
    {
        "Plan": {
            "Node Type": "Limit",
            "Plans": [
                {
                    "Node Type": "Hash Join",
                    "Plans": [
                        {"Node Type": "Seq Scan", "Relation Name": "accounts_team"},
                        {
                            "Node Type": "Hash",
                            "Plans": [{"Node Type": "Seq Scan", "Relation Name": "residents_resident"}],
                        },
                        {"Node Type": "Index Scan", "Relation Name": "cases_case", "Index Name": "case_team_open"},
                    ],
                }
            ],
        },
        "Execution Time": 12.5,
    }
]


def test_seq_scan_on_a_large_table_is_found_at_any_depth():
    assert seq_scans(PLAN, {"residents_resident", "cases_case"}) == ["residents_resident"]


def test_seq_scans_on_small_tables_and_index_scans_pass():
    assert seq_scans(PLAN, {"cases_case", "cases_contactmoment"}) == []


WIDE = [
    {
        "Plan": {
            "Node Type": "Sort",
            "Actual Rows": 3920,
            "Actual Loops": 1,
            "Plans": [
                {
                    "Node Type": "Index Only Scan",
                    "Relation Name": "intake_registration",
                    "Index Name": "intake_registration_reference_like",
                    "Actual Rows": 3920,
                    "Actual Loops": 1,
                },
                {"Node Type": "Index Scan", "Relation Name": "cases_case", "Actual Rows": 3, "Actual Loops": 1000},
            ],
        }
    }
]


def test_a_scan_of_a_large_table_reading_many_rows_through_an_index_is_found():
    assert wide_reads(WIDE, {"intake_registration", "cases_case"}, max_rows=2000) == [
        "Index Only Scan on intake_registration: 3,920 rows",
        "Index Scan on cases_case: 3,000 rows",
    ]


def test_scans_within_the_limit_or_of_small_tables_pass_and_sorts_are_not_scans():
    assert wide_reads(WIDE, {"intake_registration", "cases_case"}, max_rows=5000) == []
    assert wide_reads(WIDE, {"cases_case"}, max_rows=2000) == ["Index Scan on cases_case: 3,000 rows"]


FILTERED = [
    {
        "Plan": {
            "Node Type": "Limit",
            "Actual Rows": 46,
            "Actual Loops": 1,
            "Plans": [
                {
                    "Node Type": "Index Scan",
                    "Relation Name": "audit_auditevent",
                    "Index Name": "audit_auditevent_pkey",
                    "Actual Rows": 46,
                    "Rows Removed by Filter": 610_600,
                    "Actual Loops": 1,
                }
            ],
        }
    }
]


def test_rows_a_filter_throws_away_count_as_read():
    """An index walked in order while its filter drops nearly every row reads the table."""
    assert wide_reads(FILTERED, {"audit_auditevent"}, max_rows=2000) == ["Index Scan on audit_auditevent: 610,646 rows"]
