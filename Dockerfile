# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
#
# taskmilld, the Taskmill backend, as a container image (docs/deployment.md). One image for every role:
#   docker run taskmill/taskmilld --role executor --postgres postgresql://… --redis redis://…
# Stage 1 builds on debian:12 with the backend's build dependencies (scripts/deps lists them all; the desktop
# app is not built). Stage 2 is debian:12-slim with only the shared libraries taskmilld loads, a non-root
# user and a health check on /ready. PostgreSQL and Redis are separate containers: `--local` is not
# available in this image (it would need the server binaries).
#
# Size (estimated; no image can be built where this file was written): debian:12-slim 74.8 MB + runtime
# packages ~160 MB installed without docs, man pages and locales (~58 MB compressed) + taskmilld ~3.7 MB
# stripped (1.5 MB compressed) ≈ 240 MB on disk, ≈ 90 MB to pull. Details and what would cut it:
# docs/deployment.md, "Image size".

# ---------------------------------------------------------------------------------------------------------
FROM debian:12 AS build

ARG DEBIAN_FRONTEND=noninteractive
# The backend's part of scripts/deps TASKMILL_PACKAGES (compiler, CMake, Qt modules, the C libraries).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config \
      qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev \
      libhiredis-dev libpq-dev libvalijson-dev libtomlplusplus-dev libargon2-dev libcurl4-openssl-dev \
      libjwt-dev libvips-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja \
      -DCMAKE_BUILD_TYPE=Release \
      -DTASKMILL_BUILD_APP=OFF \
      -DBUILD_TESTING=OFF \
 && cmake --build /build --target taskmilld \
 && strip --strip-unneeded -o /taskmilld /build/backend/taskmilld

# ---------------------------------------------------------------------------------------------------------
FROM debian:12-slim

ARG DEBIAN_FRONTEND=noninteractive
# Keep the licences, drop the rest of /usr/share/doc, man pages and translations of the packages below.
RUN printf '%s\n' 'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright' \
      'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/info/*' 'path-exclude=/usr/share/locale/*' \
      > /etc/dpkg/dpkg.cfg.d/taskmill-slim
# Exactly what `readelf -d taskmilld` needs (Qt Core, Network, Sql, HttpServer, WebSockets; hiredis,
# libpq through the QPSQL driver, libjwt, libargon2, libcurl, toml++, libvips and GLib for process_image),
# plus CA certificates (https handlers, SMTP over TLS), time zones (handlers and schedules convert through
# named zones) and curl (the health check below).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libqt6core6 libqt6network6 libqt6sql6 libqt6sql6-psql libqt6httpserver6 libqt6websockets6 \
      libhiredis0.14 libpq5 libjwt0 libargon2-1 libcurl4 libtomlplusplus3 libvips42 libglib2.0-0 \
      ca-certificates tzdata curl \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb /var/log/apt /var/log/dpkg.log

# A fixed uid/gid so volumes (handlers.files_dir, the compose bootstrap volume) can be prepared for it.
RUN groupadd --system --gid 10001 taskmill \
 && useradd --system --uid 10001 --gid taskmill --home-dir /var/lib/taskmill --shell /usr/sbin/nologin taskmill \
 && install -d -o taskmill -g taskmill -m 0750 /var/lib/taskmill /var/lib/taskmill/files \
 && install -d -o taskmill -g taskmill -m 0755 /var/lib/taskmill/bootstrap

COPY --from=build /taskmilld /usr/bin/taskmilld

USER taskmill:taskmill
WORKDIR /var/lib/taskmill
ENV TASKMILL_API_LISTEN=0.0.0.0:8080 \
    TASKMILL_LOG_FORMAT=json
# api.listen; metrics.listen of roles without the api (docker-compose.yml uses 9464).
EXPOSE 8080 9464

# /ready: PostgreSQL and Redis reachable and the schema at this binary's version (docs/observability.md).
# A process without the api role answers on metrics.listen: point TASKMILL_HEALTHCHECK_URL there.
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS -o /dev/null "${TASKMILL_HEALTHCHECK_URL:-http://127.0.0.1:8080/ready}" || exit 1

# SIGTERM stops gracefully (running handlers get shutdown.grace_ms), exit code 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/taskmilld"]
CMD ["--role", "all", "--insecure"]
