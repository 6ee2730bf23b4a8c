import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

/** OpenAPI document at /api/openapi.json (built from the routes' zod schemas) and docs at /api/docs. */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Hiroba API",
        version: "1",
        description:
          "The JSON API of a Hiroba community. Authenticate with the session cookie (send the `x-csrf-token` header on writes) or `Authorization: Bearer <api key>`. Errors are `{\"error\":{\"code\",\"message\",\"fields\"?}}`.",
      },
      servers: [{ url: "/" }],
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
      security: [{ apiKey: [] }],
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      if (!input.url.startsWith("/api/v1")) return { ...out, schema: { ...out.schema, hide: true } };
      return out;
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true, uiConfig: { docExpansion: "list" } });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
