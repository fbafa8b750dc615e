// The snapshot attributes of the given firms of the current generation (after a merge: the upserted ones).
MATCH (meta:Meta {key: 'dataVersion'})
UNWIND $ids AS id
MATCH (f:Firm {id: id, gen: meta.generation})
RETURN f.id AS id, f.name AS name, f.nameKo AS nameKo, f.tier AS tier, f.sector AS sector, f.region AS region,
       f.district AS district, f.revenue AS revenue, f.employees AS employees, f.valueAddedRatio AS valueAddedRatio,
       f.wageShare AS wageShare
