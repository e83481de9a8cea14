"""HTTP API, realtime hub, auth, agent console and chat widget."""
