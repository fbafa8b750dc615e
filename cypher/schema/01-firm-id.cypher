CREATE CONSTRAINT firm_id_gen_unique IF NOT EXISTS FOR (f:Firm) REQUIRE (f.id, f.gen) IS UNIQUE
