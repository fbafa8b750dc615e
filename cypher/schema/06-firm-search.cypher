CREATE TEXT INDEX firm_search_text IF NOT EXISTS FOR (f:Firm) ON (f.searchText)
