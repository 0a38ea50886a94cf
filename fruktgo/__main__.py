from fruktgo.cli import main

raise SystemExit(main())
