// What the localisation assistant reads beyond the snapshot: full KSIC code, AX level and the products a
// firm already sells.
MATCH (meta:Meta {key: 'dataVersion'})
UNWIND $ids AS id
MATCH (f:Firm {id: id, gen: meta.generation})
OPTIONAL MATCH (f)-[r:SUPPLIES]->()
WITH f, collect(DISTINCT r.product) AS products
RETURN f.id AS id, f.sector AS sector, f.axLevel AS axLevel, products
