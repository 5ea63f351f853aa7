"""Settings kept in the database: the organisation on every document, and the values other areas read
(Home's thresholds) through `stored`."""
