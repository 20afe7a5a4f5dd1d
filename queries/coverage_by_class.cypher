// Coverage by resource class: COVERS_LANGUAGE links from models to languages, per Joshi class (0-5).
// Parameters: none
MATCH (w:Model)-[:COVERS_LANGUAGE]->(l:Language)
RETURN l.resource_class AS resource_class, count(l) AS links
ORDER BY resource_class
