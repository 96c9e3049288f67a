"""`plankg ingest-enterprises`: leader links into a real store, all or nothing."""

from __future__ import annotations

import json

from plankg.store import EmbeddedStore
from plankg.store.queries import run_query
from tests.cli.conftest import EXAMPLES, export_of, invoke

CSV = EXAMPLES / "enterprises.csv"
LEADS = (
    "MATCH (e:Enterprise)-[l:LEADS]->(c) WHERE l.source = 'dataset' "
    "RETURN e.id AS enterprise, l.role AS role, c.id AS led ORDER BY enterprise"
)


def leads(db) -> list[dict]:
    with EmbeddedStore(db, read_only=True) as store:
        return store.run_read(LEADS)


def chains_without_leader(db) -> set[str]:
    with EmbeddedStore(db, read_only=True) as store:
        return {r["chain_id"] for r in run_query(store, "gap_chain_without_leader")}


def test_example_file_loads_leaders_chains_and_regions(sample_db):
    assert {"aluminium_processing", "bearings"} <= chains_without_leader(sample_db)
    result = invoke("ingest-enterprises", "--db", sample_db, CSV, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "source": "enterprises.csv",
        "enterprises": 4,
        "leads": 4,
        "regions": 4,
    }
    assert leads(sample_db) == [
        {"enterprise": "华信铝业集团有限公司", "role": "链主", "led": "aluminium_processing"},
        {"enterprise": "恒达轴承有限公司", "role": "链主", "led": "bearings"},
        {"enterprise": "金禾纸业有限公司", "role": "龙头", "led": "paper_printing"},
        {"enterprise": "鲁润精细化工股份有限公司", "role": "龙头", "led": "fine_chemicals"},
    ]
    with EmbeddedStore(sample_db, read_only=True) as store:
        where = store.run_read(
            "MATCH (e:Enterprise)-[:SITUATED_IN]->(r:Region) "
            "WHERE e.id = '恒达轴承有限公司' RETURN r.id AS region"
        )
        part_of = store.run_read(
            "MATCH (c:Chain)-[:PART_OF]->(i:Industry) "
            "WHERE c.id = 'bearings' RETURN i.id AS industry"
        )
    assert where == [{"region": "临清市"}]
    assert part_of and part_of[0]["industry"]
    # the gap "chain without a known leader" closes for the chains the file names
    assert not {"aluminium_processing", "bearings"} & chains_without_leader(sample_db)


def test_loading_twice_changes_nothing(sample_db):
    assert invoke("ingest-enterprises", "--db", sample_db, CSV).exit_code == 0
    once = export_of(sample_db)
    assert invoke("ingest-enterprises", "--db", sample_db, CSV).exit_code == 0
    assert export_of(sample_db) == once


def test_enterprise_data_outlives_replacing_and_removing_plans(sample_db):
    assert invoke("ingest-enterprises", "--db", sample_db, CSV).exit_code == 0
    loaded = leads(sample_db)
    assert invoke("ingest", "--db", sample_db).exit_code == 0  # replaces the sample
    assert leads(sample_db) == loaded
    assert invoke("plans", "remove", "--db", sample_db, "聊工信发-2023-48").exit_code == 0
    assert leads(sample_db) == loaded


def test_bad_rows_load_nothing_and_name_every_line(tmp_path, sample_db, unchanged):
    path = tmp_path / "leaders.csv"
    path.write_bytes(
        "企业,产业链,角色\n甲公司,轴承产业链,链主\n乙公司,不存在产业链,链主\n丙公司,化工,\n".encode(
            "gb18030"
        )
    )
    result = invoke("ingest-enterprises", "--db", sample_db, path)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: leaders.csv: 2 invalid row(s), nothing loaded: line 3: unknown industry or "
        "chain '不存在产业链'; line 4: empty role\n"
    )
    unchanged()


def test_missing_file(tmp_path, sample_db, unchanged):
    result = invoke("ingest-enterprises", "--db", sample_db, tmp_path / "none.csv")
    assert result.exit_code == 2
    assert "none.csv: no such file" in result.stderr
    unchanged()
