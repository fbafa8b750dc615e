// Counts for health, for data stored before imports kept them.
MATCH (m:Meta {key: 'dataVersion'})
WHERE m.firms IS NULL
CALL (m) {
  MATCH (f:Firm)
  WHERE f.gen = m.generation
  RETURN count(f) AS firms, sum(COUNT { (f)-[:SUPPLIES]->() }) AS supplies
}
SET m.firms = firms, m.supplies = supplies
RETURN firms
