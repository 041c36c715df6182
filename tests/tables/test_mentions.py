from scripts.build.rows.mentions import row
from scripts.mentions import Mention


def test_a_mention_in_the_body_and_one_before_it(scope):
    text = scope.curation.articles["mini-article"].text
    start = text.index("Венесуэлы")
    inside = row(Mention(start, start + 9, "Венесуэлы", "VE", "name", None), scope, "mini-article")
    assert inside["in_body"] and inside["country"] == "VE"
    marker = row(Mention(0, 5, " date", "VE", "name", None), scope, "mini-article")
    assert not marker["in_body"]
