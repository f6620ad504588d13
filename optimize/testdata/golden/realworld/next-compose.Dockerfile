FROM node:20 AS runtime-build

WORKDIR /app

# Install dependencies based on the preferred package manager
COPY package.json yarn.lock* package-lock.json* pnpm-lock.yaml* ./
# Omit --production flag for TypeScript devDependencies
# (the example has no lockfile: its `else` branch)
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn \
    echo "Warning: Lockfile not found. It is recommended to commit lockfiles to version control." && yarn install

COPY src ./src
COPY public ./public
COPY next.config.js .
COPY tsconfig.json .

# Environment variables must be present at build time
# https://github.com/vercel/next.js/discussions/14030
ARG ENV_VARIABLE
ENV ENV_VARIABLE=${ENV_VARIABLE}
ARG NEXT_PUBLIC_ENV_VARIABLE
ENV NEXT_PUBLIC_ENV_VARIABLE=${NEXT_PUBLIC_ENV_VARIABLE}

# Next.js collects completely anonymous telemetry data about general usage. Learn more here: https://nextjs.org/telemetry
# Uncomment the following line to disable telemetry at build time
# ENV NEXT_TELEMETRY_DISABLED 1

# Note: Don't expose ports here, Compose will handle that for us

# Build Next.js based on the preferred package manager (no lockfile: `npm run build`)
RUN npm run build

# Start Next.js based on the preferred package manager (no lockfile: `npm run start`)
CMD ["npm", "run", "start"]

FROM node:20-slim AS runtime
ENV HOSTNAME=0.0.0.0
WORKDIR /app
COPY --from=runtime-build /app/.next/standalone /app
COPY --from=runtime-build /app/.next/static /app/.next/static
COPY --from=runtime-build /app/public /app/public
ARG ENV_VARIABLE
ENV ENV_VARIABLE=${ENV_VARIABLE}
ARG NEXT_PUBLIC_ENV_VARIABLE
ENV NEXT_PUBLIC_ENV_VARIABLE=${NEXT_PUBLIC_ENV_VARIABLE}
USER node
CMD ["node", "server.js"]
