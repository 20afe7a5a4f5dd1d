// Papers per frontier: how many papers address each of the survey's frontiers directly.
// Parameters: none
MATCH (p:Paper)-[:ADDRESSES]->(f:Frontier)
RETURN f.id AS frontier, f.name AS name, count(p) AS papers
ORDER BY frontier
