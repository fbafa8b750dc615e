// One breadth-first step downstream: the buyers of the frontier firms.
UNWIND $frontier AS id
MATCH (:Firm {id: id})-[r:SUPPLIES]->(b:Firm)
WHERE r.value >= $minValue
RETURN id AS supplier, b.id AS buyer, r.yearKey AS yearKey, r.value AS value
