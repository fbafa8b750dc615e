// One breadth-first step upstream: the suppliers of the frontier firms.
UNWIND $frontier AS id
MATCH (s:Firm)-[r:SUPPLIES]->(:Firm {id: id})
WHERE r.value >= $minValue
RETURN s.id AS supplier, id AS buyer, r.yearKey AS yearKey, r.value AS value
