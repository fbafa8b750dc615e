// Every firm's attributes that analytics use, in id order (so the snapshot's numbering is stable), with
// its internal node id, by which the links of the same transaction name it (snapshot/links).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm)
WHERE f.gen = meta.generation
RETURN id(f) AS node, f.id AS id, f.name AS name, f.nameKo AS nameKo, f.tier AS tier, f.sector AS sector,
       f.region AS region, f.district AS district, f.revenue AS revenue, f.employees AS employees,
       f.valueAddedRatio AS valueAddedRatio, f.wageShare AS wageShare
ORDER BY f.id
