# trogiang — the production image: `docker build -t trogiang .`, then see docker-compose.yml.
# Stage 1 builds dist/ with the development dependencies; stage 2 installs only the production ones; the final
# image has node_modules, dist/, locales/ and content/, runs as the unprivileged `node` user, and is checked on
# GET /healthz.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim
# A font for the evaluation chart's text (resvg draws with the system's fonts).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY locales ./locales
COPY content ./content
# Archived classes' files (the retention job); mount a volume here so they outlive the container.
RUN mkdir -p /app/archive && chown node:node /app/archive
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 (no npm or shell in between): `docker stop`'s SIGTERM reaches the bot, which finishes its updates.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
