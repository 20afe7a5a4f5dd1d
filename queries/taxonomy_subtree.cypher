// A taxonomy subtree with counts: every category under $id (any depth) and how many works it classifies directly.
// Parameters: $id  (e.g. "cat:pfa")
MATCH (w)-[:CLASSIFIED_AS]->(c:Category)-[:SUBCATEGORY_OF*1..8]->(root:Category {id: $id})
RETURN c.id AS category, c.name AS name, count(w) AS works
ORDER BY category
