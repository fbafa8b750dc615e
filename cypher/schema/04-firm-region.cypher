CREATE INDEX firm_region_district IF NOT EXISTS FOR (f:Firm) ON (f.region, f.district)
