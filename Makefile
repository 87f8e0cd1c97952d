# sam build calls one target per function (BuildMethod: makefile); both ship the same shaded jar.
# The Java runtime puts lib/*.jar on the classpath.
build-AlertsCronFunction build-StockApiFunction:
	mvn -q -B package -DskipTests
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp target/stock-alerts.jar "$(ARTIFACTS_DIR)/lib/"
