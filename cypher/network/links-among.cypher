// Supplies among a set of firms (for subgraph views).
UNWIND $ids AS id
MATCH (:Firm {id: id})-[r:SUPPLIES]->(b:Firm)
WHERE b.id IN $ids AND r.value >= $minValue
RETURN id AS supplier, b.id AS buyer, r.yearKey AS yearKey, r.value AS value
