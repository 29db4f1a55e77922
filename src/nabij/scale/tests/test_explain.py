from nabij.scale.explain import seq_scans

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
