CREATE CONSTRAINT session_hash_unique IF NOT EXISTS FOR (s:Session) REQUIRE s.hash IS UNIQUE
