import express, { Request, Response } from "express";

// Unit prices in cents; the catalogue is fixed so that answers are deterministic.
const catalogue: Record<string, { name: string; cents: number }> = {
  apple: { name: "Apple", cents: 45 },
  bread: { name: "Bread", cents: 289 },
  coffee: { name: "Coffee beans 250 g", cents: 799 },
};

export function createApp() {
  const app = express();
  app.disable("x-powered-by");

  app.get("/health", (_req: Request, res: Response) => {
    res.json({ status: "ok" });
  });

  // GET /api/price?item=coffee&qty=2
  app.get("/api/price", (req: Request, res: Response) => {
    const item = String(req.query.item ?? "apple").toLowerCase();
    const qty = Number(req.query.qty ?? 1);
    const entry = catalogue[item];
    if (!entry) {
      res.status(404).json({ error: `unknown item ${item}`, items: Object.keys(catalogue) });
      return;
    }
    if (!Number.isInteger(qty) || qty < 1 || qty > 1000) {
      res.status(400).json({ error: "qty must be an integer from 1 to 1000" });
      return;
    }
    res.json({ item, name: entry.name, qty, unitCents: entry.cents, totalCents: entry.cents * qty });
  });

  return app;
}
