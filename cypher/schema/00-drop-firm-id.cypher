// Before generations, ids were unique on their own; now an id is unique within its generation (01).
DROP CONSTRAINT firm_id_unique IF EXISTS
