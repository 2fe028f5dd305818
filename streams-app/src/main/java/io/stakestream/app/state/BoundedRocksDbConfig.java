package io.stakestream.app.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds RocksDB memory for the whole process: eight stores per partition would otherwise each
 * take their own block cache and memtables. One LRU cache holds blocks, index and filter blocks,
 * and (through the WriteBufferManager) the memtables, so the total stays under
 * {@value #MEMORY_CONFIG} bytes (default 64 MiB) however many partitions this instance owns.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    private static final Logger log = LoggerFactory.getLogger(BoundedRocksDbConfig.class);

    /** Streams config key (passed through to this setter) for the total off-heap budget in bytes. */
    public static final String MEMORY_CONFIG = "stakestream.rocksdb.memory.bytes";
    public static final long DEFAULT_MEMORY_BYTES = 64L << 20;
    private static final double WRITE_BUFFER_RATIO = 0.25;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void initShared(long totalBytes) {
        if (cache == null) {
            cache = new LRUCache(totalBytes, -1, false, 0.1);
            writeBufferManager = new WriteBufferManager((long) (totalBytes * WRITE_BUFFER_RATIO), cache);
            log.info("RocksDB memory bounded to {} MiB for all stores (memtables {} MiB of it)",
                    totalBytes >> 20, (long) (totalBytes * WRITE_BUFFER_RATIO) >> 20);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(MEMORY_CONFIG);
        initShared(configured == null ? DEFAULT_MEMORY_BYTES : Long.parseLong(configured.toString()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setWriteBufferSize(4L << 20);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: never close them here
    }
}
