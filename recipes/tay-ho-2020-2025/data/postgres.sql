-- The figures of recipes/tay-ho-2020-2025 in PostgreSQL, for postgres.yaml. From the
-- repository root (\copy reads the CSV files from where psql runs):
--
--   psql "$REPORTGEN_POSTGRES" -f recipes/tay-ho-2020-2025/data/postgres.sql
\set ON_ERROR_STOP on
BEGIN;
DROP TABLE IF EXISTS ket_nap, danh_gia;
CREATE TABLE ket_nap (phuong text NOT NULL, nam integer NOT NULL, ket_nap integer NOT NULL);
CREATE TABLE danh_gia (phuong text NOT NULL, nam integer NOT NULL, doi_tuong text NOT NULL,
                       hoan_thanh_tot integer NOT NULL, tong_so integer NOT NULL);
\copy ket_nap FROM 'recipes/tay-ho-2020-2025/data/admissions.csv' WITH (FORMAT csv, HEADER true)
\copy danh_gia FROM 'recipes/tay-ho-2020-2025/data/ratings.csv' WITH (FORMAT csv, HEADER true, DELIMITER ';')
COMMIT;
