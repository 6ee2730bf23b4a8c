throw new Error("msgpackr-extract is disabled in this build; msgpackr uses its JavaScript decoder");
