MATCH (f:Firm)
RETURN f.id AS id, f.revenue AS revenue, f.sector AS sector, f.valueAddedRatio AS valueAddedRatio, f.wageShare AS wageShare
