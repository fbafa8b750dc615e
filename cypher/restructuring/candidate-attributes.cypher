// What the localisation assistant reads beyond the snapshot: full KSIC code, AX level and the products a
// firm already sells.
UNWIND $ids AS id
MATCH (f:Firm {id: id})
OPTIONAL MATCH (f)-[r:SUPPLIES]->()
WITH f, collect(DISTINCT r.product) AS products
RETURN f.id AS id, f.sector AS sector, f.axLevel AS axLevel, products
