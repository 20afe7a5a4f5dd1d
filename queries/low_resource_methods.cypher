// Methods under a taxonomy node (strictly below it) that cover a language of Joshi class <= $max_class.
// Parameters: $category (e.g. "cat:pfa"), $max_class (e.g. 2)
MATCH (l:Language)<-[:COVERS_LANGUAGE]-(m:Method)-[:CLASSIFIED_AS]->(c:Category)-[:SUBCATEGORY_OF*1..8]->(root:Category {id: $category})
WHERE l.resource_class <= $max_class
RETURN DISTINCT m.id, l.id, l.resource_class
ORDER BY m.id, l.id
