// Drives a Broadsheet site with node-wpapi, the JavaScript client for WordPress's REST API,
// exactly as a WordPress tool would: discovery, pagination, embedding, writes with an
// Application Password, an upload, an anonymous comment and WordPress's errors.
// Usage: node client.js SITE_URL USERNAME APP_PASSWORD IMAGE_PATH  (prints one JSON object)
'use strict';

const WPAPI = require( 'wpapi' );

async function main() {
	const [ site, username, password, imagePath ] = process.argv.slice( 2 );
	const out = {};

	// Discovery: the Link header names the API root, whose index lists the routes.
	const discovered = await WPAPI.discover( `${ site }/wp-json/` );
	const firstPage = await discovered.posts().perPage( 2 ).page( 1 );
	out.firstPage = firstPage.map( ( p ) => p.title.rendered );
	out.total = firstPage._paging.total;
	out.totalPages = firstPage._paging.totalPages;
	const secondPage = await firstPage._paging.next.get();
	out.secondPage = secondPage.map( ( p ) => p.title.rendered );

	const embedded = await discovered.posts().id( firstPage[ 0 ].id ).embed();
	out.embeddedAuthor = embedded._embedded.author[ 0 ].name;
	out.embeddedTerms = embedded._embedded[ 'wp:term' ][ 0 ].map( ( t ) => t.name );

	try {
		await discovered.posts().id( 999999 ).get();
		out.missing = 'no error';
	} catch ( err ) {
		out.missing = err.code;
	}

	// Writes as a user, with an Application Password over HTTP Basic.
	const wp = new WPAPI( { endpoint: `${ site }/wp-json`, username, password } );
	const category = await wp.categories().create( { name: 'From wpapi' } );
	const created = await wp.posts().create( {
		title: 'Written by wpapi',
		content: '<p>Hello from a WordPress client.</p>',
		status: 'publish',
		categories: [ category.id ],
	} );
	out.created = { status: created.status, categories: created.categories, link: created.link };
	const updated = await wp.posts().id( created.id ).update( { title: 'Updated by wpapi' } );
	out.updatedTitle = updated.title.raw;

	const media = await wp.media().file( imagePath ).create( { alt_text: 'Uploaded by wpapi' } );
	out.media = { alt: media.alt_text, type: media.media_type, hasSource: !! media.source_url };
	await wp.posts().id( created.id ).update( { featured_media: media.id } );

	const me = await wp.users().me();
	out.me = me.slug;

	// An anonymous reader's comment.
	const anonymous = new WPAPI( { endpoint: `${ site }/wp-json` } );
	const comment = await anonymous.comments().create( {
		post: created.id,
		author_name: 'A reader',
		author_email: 'reader@example.net',
		content: 'Commented through wpapi.',
	} );
	out.commentStatus = comment.status;

	try {
		await anonymous.posts().create( { title: 'Not allowed' } );
		out.anonymousCreate = 'no error';
	} catch ( err ) {
		out.anonymousCreate = err.code;
	}

	const deleted = await wp.posts().id( created.id ).delete( { force: true } );
	out.deleted = deleted.deleted;

	process.stdout.write( JSON.stringify( out ) );
}

main().catch( ( err ) => {
	process.stderr.write( String( err && err.stack ? err.stack : JSON.stringify( err ) ) );
	process.exit( 1 );
} );
