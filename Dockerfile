# Production image of Mutu (docs/DEPLOYMENT.md). Node 24 LTS on Debian 13 (trixie), whose
# postgresql-client 17 can pg_dump the PostgreSQL 17 of docker-compose.yml.
ARG NODE_VERSION=24

# --- build: compile TypeScript and the native modules (better-sqlite3, argon2) ---
FROM node:${NODE_VERSION}-trixie-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Compile against the image's own Node headers (/usr/local/include/node), never a download.
ENV PUPPETEER_SKIP_DOWNLOAD=1 npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci --no-fund --no-audit
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY bench ./bench
RUN npm run build && npm prune --omit=dev --no-fund --no-audit

# --- runtime: Chromium and fonts for the PDF reports, pg_dump for backups, no compiler ---
FROM node:${NODE_VERSION}-trixie-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends \
    chromium fonts-noto-core fonts-dejavu-core postgresql-client tini ca-certificates \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY templates ./templates
COPY seeds ./seeds
ENV NODE_ENV=production \
  PORT=3000 \
  DATA_DIR=/data \
  CHROMIUM_PATH=/usr/bin/chromium
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# tini reaps Chromium's child processes and forwards SIGTERM to Node for a graceful shutdown.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/main.js"]
