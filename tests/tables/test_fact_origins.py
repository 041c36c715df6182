from scripts.build.across import origin_paths
from scripts.build.rows.fact_origins import row

GRAPH = {"article-a": {"outlet-report"}, "outlet-report": {"wire-report", "documents"},
         "wire-report": {"documents"}}


def test_origins_are_the_roots_with_the_shortest_chain_of_credits():
    assert origin_paths("outlet-report", GRAPH, inputs={"article-a"}) == {
        "documents": ("outlet-report", "documents")}
    assert origin_paths("documents", GRAPH, inputs={"article-a"}) == {"documents": ("documents",)}


def test_an_input_article_credited_as_the_source_speaks_on_its_own_authority():
    assert origin_paths("article-a", GRAPH, inputs={"article-a"}) == {"article-a": ("article-a",)}


def test_a_fact_origin_row():
    record = {"fact_table": "requests", "fact_id": "request-x", "root_source_id": "documents",
              "root_is_input": False, "path": "outlet-report > documents", "article_count": 2}
    assert row(record) == record
