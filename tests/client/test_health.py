"""Liveness and readiness, on servers of their own: /health/live answers while
the process serves; /health/ready also needs the database and this build's
migrations."""
import os
import subprocess
import urllib.error
import urllib.request

from conftest import scratch_database, start_server, stop_server


def get(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_a_migrated_database_is_ready_and_one_behind_is_not(tmp_path_factory):
    with scratch_database("partnerapi_readiness") as db:
        env = {**os.environ, "PARTNERAPI_DB": db}
        subprocess.run([os.environ["PARTNERAPI_TEST_BIN"], "migrate"], env=env, check=True, capture_output=True)
        proc, port = start_server(tmp_path_factory, "", db=db)
        try:
            assert get(port, "/health/live") == (200, "live\n")
            assert get(port, "/health/ready") == (200, "ready\n")
            subprocess.run(["psql", db, "-XAtqc", "DELETE FROM schema_migration WHERE version = "
                                                  "(SELECT max(version) FROM schema_migration)"], check=True)
            status, text = get(port, "/health/ready")
            assert status == 503 and "partnerapi migrate" in text
            assert get(port, "/health/live") == (200, "live\n"), "alive all the same"
        finally:
            stop_server(proc)
