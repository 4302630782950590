#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""Static checks of the compose deployment (CTest label `compose`): no Docker daemon is needed.

  check_compose.py Compose|HAProxy|Prometheus|Grafana SOURCE_DIR

Compose     docker-compose (v1.29 here) validates docker-compose.yml; every TASKMILL_* variable it sets is a
            configuration key taskmilld knows (backend/config/ConfigLoader.cpp) or one of the image's own.
HAProxy     haproxy -c on installer/compose/haproxy.cfg (init-addr none: no name is resolved).
Prometheus  promtool check config on installer/compose/prometheus.yml (the token file swapped for a temp one);
            every DNS service discovery name is a compose service.
Grafana     the provisioning YAML parses, the dashboard JSON parses, every taskmill_* metric it queries is one
            taskmilld exports (Metrics.cpp, ObservabilityHandler.cpp), every data source uid it or the trace link uses is
            provisioned.
Exit 77 (CTest: skipped) when the tool a check needs is not installed.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

SKIP = 77
# Variables the image and the bootstrap script read themselves (Dockerfile HEALTHCHECK, bootstrap.sh).
OWN_VARIABLES = {"TASKMILL_HEALTHCHECK_URL", "TASKMILL_ADMIN_EMAIL", "TASKMILL_ADMIN_PASSWORD", "TASKMILL_BOOTSTRAP_API",
                 "TASKMILL_BOOTSTRAP_DIR"}


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def tool(name):
    path = shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/sbin/{name}") if os.path.exists(p)), None)
    if not path:
        print(f"SKIP: {name} is not installed (scripts/deps installs it)")
        sys.exit(SKIP)
    return path


def run(cmd, cwd):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    print("$ " + " ".join(cmd))
    print(r.stdout + r.stderr)
    return r.returncode


def known_config_keys(src):
    text = open(os.path.join(src, "backend/config/ConfigLoader.cpp"), encoding="utf-8").read()
    keys = set(re.findall(r'\{QStringLiteral\("([a-z_]+(?:\.[a-z_]+)*)"\),', text))
    if len(keys) < 30:
        fail(f"found only {len(keys)} configuration keys in ConfigLoader.cpp: the pattern needs an update")
    return {"TASKMILL_" + k.upper().replace(".", "_") for k in keys}


def check_compose(src):
    dc = tool("docker-compose")
    if run([dc, "-f", "docker-compose.yml", "config", "-q"], src) != 0:
        fail("docker-compose config rejected docker-compose.yml")
    out = subprocess.run([dc, "-f", "docker-compose.yml", "config"], cwd=src, capture_output=True, text=True, check=True).stdout
    services = yaml.safe_load(out)["services"]
    wanted = {"postgres", "redis", "api", "executor", "scheduler", "notifier", "haproxy", "tempo", "prometheus", "grafana"}
    if missing := wanted - set(services):
        fail(f"services missing: {sorted(missing)}")
    known = known_config_keys(src) | OWN_VARIABLES
    for name, service in services.items():
        env = service.get("environment") or {}
        for var in env:
            if var.startswith("TASKMILL_") and var not in known:
                fail(f"service {name}: {var} is no taskmilld configuration key (typo?)")
    link = services["api"]["environment"].get("TASKMILL_TRACING_LINK_TEMPLATE", "")
    if "{trace_id}" not in link:
        fail("tracing.link_template lacks {trace_id}")
    if services["api"]["environment"].get("TASKMILL_TRACING_ENDPOINT") != "http://tempo:4318/v1/traces":
        fail("tracing.endpoint does not point at Tempo's OTLP/HTTP receiver")
    print(f"OK: {len(services)} services; TASKMILL_* variables are known keys")


def check_haproxy(src):
    haproxy = tool("haproxy")
    if run([haproxy, "-c", "-f", "installer/compose/haproxy.cfg"], src) != 0:
        fail("haproxy -c rejected installer/compose/haproxy.cfg")


def check_prometheus(src):
    promtool = tool("promtool")
    config = yaml.safe_load(open(os.path.join(src, "installer/compose/prometheus.yml"), encoding="utf-8"))
    compose = yaml.safe_load(open(os.path.join(src, "docker-compose.yml"), encoding="utf-8"))
    for job in config["scrape_configs"]:
        for sd in job.get("dns_sd_configs", []):
            for name in sd["names"]:
                if name not in compose["services"]:
                    fail(f"job {job['job_name']}: {name} is not a compose service")
    with tempfile.TemporaryDirectory() as tmp:
        token = os.path.join(tmp, "prometheus.token")
        with open(token, "w") as f:
            f.write("tm_test")
        text = open(os.path.join(src, "installer/compose/prometheus.yml"), encoding="utf-8").read()
        text = text.replace("/etc/prometheus/taskmill/prometheus.token", token)
        path = os.path.join(tmp, "prometheus.yml")
        with open(path, "w") as f:
            f.write(text)
        if run([promtool, "check", "config", path], tmp) != 0:
            fail("promtool rejected installer/compose/prometheus.yml")


def check_grafana(src):
    base = os.path.join(src, "installer/compose/grafana")
    uids = set()
    for root, _, files in os.walk(os.path.join(base, "provisioning")):
        for name in files:
            doc = yaml.safe_load(open(os.path.join(root, name), encoding="utf-8"))
            uids |= {d["uid"] for d in doc.get("datasources", [])}
    # Metric names as string literals of the code that writes /metrics ("name" or "# TYPE name ...").
    exported = set()
    for path in ("backend/observability/Metrics.cpp", "backend/api/ObservabilityHandler.cpp"):
        text = open(os.path.join(src, path), encoding="utf-8").read()
        exported |= set(re.findall(r'"(?:# (?:HELP|TYPE) )?(taskmill_[a-z_]+)[" {]', text))
    dashboards = [f for f in os.listdir(os.path.join(base, "dashboards")) if f.endswith(".json")]
    if not dashboards:
        fail("no dashboard")
    for name in dashboards:
        dash = json.load(open(os.path.join(base, "dashboards", name), encoding="utf-8"))
        used = set()
        for panel in dash["panels"]:
            for ds in [panel.get("datasource")] + [t.get("datasource") for t in panel.get("targets", [])]:
                if ds and ds["uid"] not in uids:
                    fail(f"{name}: panel '{panel['title']}' uses data source {ds['uid']}, not provisioned")
            for target in panel.get("targets", []):
                used |= set(re.findall(r"\b(taskmill_[a-z_]+)", target["expr"]))
        for metric in sorted(used):
            base_name = re.sub(r"_(bucket|count|sum)$", "", metric)
            if base_name not in exported:
                fail(f"{name}: {metric} is not a metric taskmilld exports (backend/observability/Metrics.cpp, backend/api/ObservabilityHandler.cpp)")
        print(f"OK: {name}: {len(dash['panels'])} panels, metrics {sorted(used)}")
    compose = open(os.path.join(src, "docker-compose.yml"), encoding="utf-8").read()
    for uid in re.findall(r"%22datasource%22%3A%22([a-z]+)%22", compose):
        if uid not in uids:
            fail(f"the trace link template names data source {uid}, not provisioned")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    check, src = sys.argv[1], sys.argv[2]
    {"Compose": check_compose, "HAProxy": check_haproxy, "Prometheus": check_prometheus, "Grafana": check_grafana}[check](src)


if __name__ == "__main__":
    main()
