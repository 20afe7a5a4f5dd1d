// Lineage of a model: every model derived from it, transitively (up to 10 hops).
// Parameters: $id  (e.g. "model:bloom")
MATCH (m:Model)-[:DERIVED_FROM*1..10]->(root:Model {id: $id})
RETURN DISTINCT m.id, m.name, m.year
ORDER BY m.id
