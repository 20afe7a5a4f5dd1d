// What a model, method or data set is built on: its DERIVED_FROM ancestors, transitively (up to 10 hops).
// Parameters: $id  (e.g. "model:bloomz")
MATCH (x {id: $id})-[:DERIVED_FROM*1..10]->(a)
RETURN DISTINCT a.id, a.name
ORDER BY a.id
