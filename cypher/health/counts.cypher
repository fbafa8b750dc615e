// Both counts come from Neo4j's count store (no scan).
MATCH (f:Firm)
WITH count(f) AS firms
OPTIONAL MATCH ()-[s:SUPPLIES]->()
RETURN firms, count(s) AS supplies
